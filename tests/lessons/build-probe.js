// Jest globalSetup: one incremental build of the probe for all lesson tests
// (test files run in parallel workers and must not race on the build).
import { buildProbe } from '../../lessons/lib/probe.mjs';

export default function setup() {
  buildProbe({ quiet: true, targets: ['relu-train'] });
}
