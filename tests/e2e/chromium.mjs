// The browser every test file drives: Debian's Chromium (`cargo xtask` installs it, and passes
// its path in CHROMIUM), quiet (no background traffic that would race the tests' own requests),
// over HTTP/1.1 and 2 only.
import { chromium } from 'playwright-core';

/** Launches it; `extra` adds flags (garbage collection on demand, screenshot rendering). */
export function launch(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...extra],
  });
}
