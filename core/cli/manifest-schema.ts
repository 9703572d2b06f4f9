/** `npm run manifest:schema`: writes core/manifest/manifest.schema.json from its definition (core/manifest/manifestSchema.ts). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_SCHEMA_FILE, manifestSchemaJson } from '../manifest/manifestSchema.js';

await writeFile(path.join(process.cwd(), MANIFEST_SCHEMA_FILE), manifestSchemaJson());
process.stdout.write(`wrote ${MANIFEST_SCHEMA_FILE}\n`);
