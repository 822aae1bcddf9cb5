/**
 * Lets Markdown/MDX pages write site links as `/scenarios/x/` and still work under a base path
 * (Astro `base`, e.g. `/kms-errors/`): a hast plugin for Astro's Markdown processor (Sätteri)
 * prefixes root-relative link `href`s with the base at build time. Starlight already does this
 * for the sidebar, and the scenario components use `withBase`.
 */
import type { AstroIntegration } from 'astro';

/** `/scenarios/x/` → `/kms-errors/scenarios/x/` under base `/kms-errors/`; other links unchanged. */
export function prefixBase(href: string, base: string): string {
  if (!href.startsWith('/') || href.startsWith('//')) return href;
  const prefix = base.endsWith('/') ? base.slice(0, -1) : base;
  if (prefix === '' || href === prefix || href.startsWith(`${prefix}/`)) return href;
  return `${prefix}${href}`;
}

interface LinkElement {
  properties?: Record<string, unknown>;
}
interface HastPlugin {
  name: string;
  element: Array<{
    filter: string[];
    visit: (node: LinkElement, ctx: { setProperty(node: LinkElement, key: string, value: unknown): void }) => void;
  }>;
}

function baseLinksHastPlugin(base: string): HastPlugin {
  return {
    name: 'kms-docs-base-links',
    element: [
      {
        filter: ['a'],
        visit(node, ctx) {
          const href = node.properties?.['href'];
          if (typeof href !== 'string') return;
          const prefixed = prefixBase(href, base);
          if (prefixed !== href) ctx.setProperty(node, 'href', prefixed);
        },
      },
    ],
  };
}

export function baseLinks(): AstroIntegration {
  return {
    name: 'kms-docs:base-links',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        if (config.base === '/' || config.base === '') return;
        // Starlight registers its own Markdown plugins the same way (on the processor's options).
        const options: unknown = config.markdown.processor?.options;
        const hastPlugins = (options as { hastPlugins?: unknown } | undefined)?.hastPlugins;
        if (config.markdown.processor?.name !== 'satteri' || !Array.isArray(hastPlugins)) {
          throw new Error(
            `kms-docs:base-links supports only the Sätteri Markdown processor; links in Markdown would miss base ${config.base}.`,
          );
        }
        hastPlugins.push(baseLinksHastPlugin(config.base));
        logger.info(`Markdown links are prefixed with base ${config.base}`);
      },
    },
  };
}
