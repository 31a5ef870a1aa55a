// Jest setup file of the e2e project in firefox: pins the engine the helpers launch (engine.js).
process.env.ENGINE = 'firefox';
