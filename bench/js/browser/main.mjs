// The bench in the page: the same workload module as under Node, with the
// libraries loaded the way a page loads them. run.mjs calls window.runBench.
import { MODES } from '../harness/stats.mjs';
import { digitsLoader, implementations } from '../workloads/implementations.mjs';
import { runImplementation } from '../workloads/suite.mjs';

const exists = async (url) => (await fetch(url, { method: 'HEAD' })).ok;

function pageLoaders(paths) {
  let tf = null;
  const coreBaseUrl = (build) => (paths.coreDirs[build] ? `/${paths.coreDirs[build]}/` : '/wasm-build/dist/');
  return {
    api: async (build) => ((await exists(`${coreBaseUrl(build)}relu-core-${build}.wasm`)) ? import('/web/api/index.js') : null),
    coreBaseUrl,
    benchModule: async (build) => {
      const script = paths.benchModules[build];
      if (!script) return null;
      const response = await fetch(`/${script.replace(/\.mjs$/, '.wasm')}`);
      if (!response.ok) return null;
      const { default: create } = await import(`/${script}`);
      return create({ wasmBinary: await response.arrayBuffer() });
    },
    tf: async () => {
      if (!tf) {
        tf = await import(`/${paths.tfjs}`);
        tf.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
      }
      return tf;
    },
    convnetjs: async () => window.convnetjs,
  };
}

// only: metric id prefixes, or null for every metric.
window.runBench = async ({ smoke, only: prefixes, impls, paths }) => {
  const mode = smoke ? MODES.smoke : MODES.full;
  const only = prefixes ? (id) => prefixes.some((prefix) => id.startsWith(prefix)) : () => true;
  const log = (figure) => {
    const line = `${figure.env} ${figure.impl} ${figure.metric}: ${figure.value.toPrecision(4)} ${figure.unit}`;
    document.getElementById('log').textContent += `${line}\n`;
    console.log(`bench: ${line}`);
  };
  const results = [];
  const checks = {};
  const errors = [];
  const loaders = pageLoaders(paths);
  const digits = digitsLoader(loaders);
  for (const impl of implementations('chromium', loaders)) {
    if (impls && !impls.includes(impl.id)) continue;
    try {
      const outcome = await runImplementation(impl, mode, { only, log, digits });
      results.push(...outcome.results);
      checks[impl.id] = outcome.checks;
    } catch (error) {
      errors.push(`chromium ${impl.id}: ${error.message}`);
    }
  }
  return { results, checks, errors };
};
