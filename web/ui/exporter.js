// The save/load actions: PNG pictures of the plots, the metrics as CSV, the
// model as JSON through the client, and loading a model JSON back.

import { columnsToCsv } from './csv.js';
import { download } from './dom.js';
import { fileLabel, readTextFile } from './file-text.js';
import { safeMessage } from '../shared/excerpt.js';

/** Stacks canvases vertically on a white background into one PNG blob. */
export function stackCanvases(canvases) {
  const list = canvases.filter((c) => c && c.width && c.height);
  const width = Math.max(1, ...list.map((c) => c.width));
  const height = Math.max(1, list.reduce((sum, c) => sum + c.height, 0));
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const context = out.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  let y = 0;
  for (const canvas of list) {
    context.drawImage(canvas, 0, y);
    y += canvas.height;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/**
 * deps: {client, history, notices, canvases: {name: () => [canvas...]}, onImported(result),
 *        mayImport(text)?: false to stop an import after the file is read (the caller says why),
 *        beforeImport?(text, fileName) -> Promise<boolean>: false keeps the current model (e.g. the
 *        user declined to build a large network)}
 * Returns the actions the export panel calls.
 */
export function createExporter({
  client, history, notices, canvases, onImported, mayImport = () => true, beforeImport = () => Promise.resolve(true),
}) {
  const fail = (what) => (error) => notices.show(`${what}: ${error.message}`, { kind: 'error', key: 'export' });
  return {
    savePng(which) {
      stackCanvases(canvases[which]()).then((blob) => download(`relu-playground-${which}.png`, blob), fail('PNG'));
    },
    saveMetrics() {
      download('relu-playground-metrics.csv', columnsToCsv(history.csvColumns()), 'text/csv');
    },
    saveModel() {
      client.exportModel().then((json) => download('relu-playground-model.json', json, 'application/json'), fail('Model export'));
    },
    /** Reads a model file the user chose (size first) and imports it; on any error the current model is kept. */
    async loadModel(file) {
      const name = fileLabel(file);
      const refuse = (text) => notices.show(`${text} The current model is kept.`, { kind: 'error', key: 'export' });
      const read = await readTextFile(file, 'model');
      if (read.error) {
        refuse(read.error);
        return;
      }
      if (!mayImport(read.text) || !(await beforeImport(read.text, name))) return;
      let result;
      try {
        result = await client.importModel(read.text);
      } catch (error) {
        // The core's message may quote the file: shown escaped and clipped.
        refuse(`${name}: ${safeMessage(String(error?.message ?? error).replace(/\.$/, ''))}.`);
        return;
      }
      notices.show(`${name}: model loaded.`, { key: 'export', timeoutMs: 5000 });
      onImported(result);
    },
  };
}
