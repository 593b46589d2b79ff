/**
 * Compressed answers: JSON lists and pages go to phones on slow networks (a grid worker's inbox on
 * 3G), so every compressible answer over 1 kB is sent brotli- or gzip-encoded as the client asks
 * (`@fastify/compress`). Brotli at a low quality keeps the CPU per request near gzip's. The console's
 * built files are compressed once at build time instead (`vite-plugin-compression2`, served by
 * @fastify/static's `preCompressed`); answers already encoded, images, audio and XLSX are left as they are.
 */
import fp from 'fastify-plugin';
import fastifyCompress from '@fastify/compress';
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/** Smaller answers are sent as they are: their headers outweigh the saving. */
const THRESHOLD_BYTES = 1024;
/** Brotli 0–11: 4 compresses JSON better than gzip's default at about its speed. */
const BROTLI_QUALITY = 4;

async function compressionPlugin(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold: THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });
}

export default fp(compressionPlugin, { name: 'compression' });
