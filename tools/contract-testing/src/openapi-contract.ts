// Validates requests and responses against the providers' published OpenAPI 3.0 documents in the repository's
// contracts/ folder, with the documents' known errors corrected explicitly (see SOURCE.txt there).
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';

/** Where the providers' documents live: the repository's own contracts/ folder. */
export const CONTRACTS_DIR = resolve(__dirname, '../../../contracts');

/** A correction of a known error in a published document, applied before validation. */
export interface Erratum {
  schema: string;
  /** Names in `required` that the schema never defines. */
  dropUndefinedRequired?: string[];
  why: string;
}

interface Operation {
  method: string;
  path: string;
  template: RegExp;
  requestSchema?: string;
  responses: Record<string, string | null>;
  headers: { name: string; required: boolean }[];
}

/** The outcome of one validation: `valid`, or the validator's messages. */
export interface ContractResult {
  valid: boolean;
  errors: string[];
}

/** One provider's OpenAPI document, compiled for validation. */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly id: string;

  constructor(relativePath: string, errata: Erratum[] = []) {
    const document = load(readFileSync(join(CONTRACTS_DIR, relativePath), 'utf8')) as OpenApiDocument;
    this.id = `contract:${relativePath}`;
    for (const erratum of errata) applyErratum(document, erratum);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: this.id, components: document.components ?? {} });
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, op] of Object.entries(item)) {
        const responses: Record<string, string | null> = {};
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          responses[status] = schemaRef(response.content?.['application/json']?.schema);
        }
        this.operations.push({
          method: method.toUpperCase(),
          path,
          template: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          requestSchema: schemaRef(op.requestBody?.content?.['application/json']?.schema) ?? undefined,
          responses,
          headers: (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ name: p.name, required: !!p.required })),
        });
      }
    }
  }

  /** Validates a JSON value against `#/components/schemas/<name>`. */
  validateSchema(name: string, value: unknown): ContractResult {
    return this.run(`#/components/schemas/${name}`, value);
  }

  /** Validates a request the adapter sent: the operation exists, its required headers and its body. */
  validateRequest(method: string, urlPath: string, body: unknown, headers: Record<string, string | undefined> = {}): ContractResult {
    const op = this.find(method, urlPath);
    if (!op) return { valid: false, errors: [`no operation ${method} ${urlPath} in the contract`] };
    const errors: string[] = [];
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const header of op.headers) {
      if (header.required && !lower[header.name.toLowerCase()]) errors.push(`missing required header ${header.name}`);
    }
    if (op.requestSchema) errors.push(...this.run(op.requestSchema, body).errors);
    return { valid: errors.length === 0, errors };
  }

  /** Validates an answer: its status is documented for the operation and its body matches that status's schema. */
  validateResponse(method: string, urlPath: string, status: number, body: unknown): ContractResult {
    const op = this.find(method, urlPath);
    if (!op) return { valid: false, errors: [`no operation ${method} ${urlPath} in the contract`] };
    const key = String(status) in op.responses ? String(status) : 'default' in op.responses ? 'default' : undefined;
    if (key === undefined) return { valid: false, errors: [`status ${status} is not documented for ${op.method} ${op.path}`] };
    const ref = op.responses[key];
    return ref ? this.run(ref, body) : { valid: true, errors: [] };
  }

  private find(method: string, urlPath: string): Operation | undefined {
    const path = urlPath.split('?')[0];
    return this.operations.find((op) => op.method === method.toUpperCase() && op.template.test(path));
  }

  private run(ref: string, value: unknown): ContractResult {
    let validate = this.compiled.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${this.id}${ref}` });
      this.compiled.set(ref, validate);
    }
    const valid = validate(value) as boolean;
    return { valid, errors: valid ? [] : formatErrors(validate.errors ?? []) };
  }
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, { required?: string[]; properties?: Record<string, unknown> }> };
}
interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}

function schemaRef(schema: { $ref?: string } | undefined): string | null {
  return schema?.$ref ?? null;
}

function applyErratum(document: OpenApiDocument, erratum: Erratum): void {
  const schema = document.components?.schemas?.[erratum.schema];
  if (!schema) throw new Error(`Erratum for unknown schema ${erratum.schema}`);
  for (const name of erratum.dropUndefinedRequired ?? []) {
    // Only ever drop a name the document really fails to define; anything else is a new error to look at.
    if (schema.properties && name in schema.properties) throw new Error(`Erratum no longer applies: ${erratum.schema}.${name} is defined`);
    if (!schema.required?.includes(name)) throw new Error(`Erratum no longer applies: ${erratum.schema}.${name} is not required`);
    schema.required = schema.required.filter((r) => r !== name);
  }
}

function formatErrors(errors: ErrorObject[]): string[] {
  return errors.map((e) => `${e.instancePath || '(root)'} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}
