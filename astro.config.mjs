// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://kms-errors.example.dev',
  integrations: [
    starlight({
      title: 'KMS custom key store errors',
      description:
        'Every cause of CustomKeyStoreInvalidStateException and the custom key store connection errors, with fixes and runnable TypeScript.',
      sidebar: [{ label: 'Start', items: [{ slug: 'index' }] }],
    }),
  ],
  vite: {
    worker: {
      format: 'es',
      // Readable class names (KMSClient, CustomKeyStoreInvalidStateException) in the worker.
      rolldownOptions: { output: { keepNames: true } },
    },
  },
});
