// Copies the NL Design System CSS (Rijkshuisstijl community) from node_modules into the app's static
// files. Run by `npm ci` (postinstall) or `npm run vendor`. The target directory is not committed.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const target = join(here, "static", "web", "vendor");
const files = {
  "@rijkshuisstijl-community/design-tokens/dist/index.css": "design-tokens.css",
  "@rijkshuisstijl-community/components-css/dist/index.css": "components.css",
};

mkdirSync(target, { recursive: true });
for (const [source, name] of Object.entries(files)) {
  copyFileSync(join(root, "node_modules", source), join(target, name));
  console.log(`huisstijl: ${source} -> src/schakel/web/static/web/vendor/${name}`);
}
