// Jest setup file of the e2e project in chromium: pins the engine the helpers launch (engine.js).
process.env.ENGINE = 'chromium';
