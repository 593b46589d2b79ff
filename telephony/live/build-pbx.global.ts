/** Builds (or reuses) Asterisk once before any live test file starts its PBX. */
import { buildAsterisk } from '../pbx/test-pbx.js';

export default function setup(): void {
  buildAsterisk();
}
