// The implementations compared in a JS environment (Node or the page). The
// environment supplies loaders; this list is the same in both.
import { openConvnet } from '../implementations/convnet.mjs';
import { openLayerCode, openReluCore } from '../implementations/relu-core.mjs';
import { openTfjs } from '../implementations/tfjs.mjs';
import { readDigitsSplit } from './digits.mjs';
import { workloads } from './spec.mjs';

/**
 * loaders: {api(build), benchModule(build), tf(), convnetjs()}, each async,
 * resolving to the loaded library (api and benchModule may resolve to null
 * when that build is missing: its rows are then left out). benchModule is
 * called once per implementation that needs it: loaders may cache. Also
 * coreBaseUrl(build): the folder the JS API loads that build of the core from.
 */
export function implementations(env, loaders) {
  const core = (build) => async () => {
    const [api, benchModule] = await Promise.all([loaders.api(build), loaders.benchModule(build)]);
    if (!api && !benchModule) throw new Error(`the ${build} build of the core is missing`);
    return openReluCore({ api, build, benchModule, coreBaseUrl: loaders.coreBaseUrl(build) });
  };
  return [
    { id: 'relu-simd', env, open: core('simd') },
    { id: 'relu-scalar', env, open: core('scalar') },
    { id: 'layers-simd', env, open: async () => openLayerCode(await loaders.benchModule('simd'), 'simd') },
    { id: 'tfjs-wasm', env, open: async () => openTfjs(await loaders.tf(), 'wasm') },
    { id: 'tfjs-cpu', env, open: async () => openTfjs(await loaders.tf(), 'cpu') },
    { id: 'convnetjs', env, open: async () => openConvnet(await loaders.convnetjs()) },
  ];
}

/**
 * D1's images and split, read once through the first build of the core's JS
 * API that loads (see digits.mjs); resolves to null when neither build is there.
 */
export function digitsLoader(loaders) {
  let split = null;
  return () => {
    split ??= (async () => {
      for (const build of ['simd', 'scalar']) {
        const api = await loaders.api(build);
        if (api) return readDigitsSplit(api, { build, wasmBaseUrl: loaders.coreBaseUrl(build) }, workloads().D1.coreConfig);
      }
      return null;
    })();
    return split;
  };
}
