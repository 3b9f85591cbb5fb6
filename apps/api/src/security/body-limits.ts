import { HttpProblemCode } from '../problem/http-problem-codes';
import { ApiProblemException } from '../problem/api-problem.exception';
import { problem } from '../problem/problem-details';

/** How far a JSON body may nest and how many object keys it may hold in all. */
export interface JsonBodyLimits {
  maxDepth: number;
  maxKeys: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

/**
 * Why `text` breaks `limits`, or undefined. One pass over the characters, before JSON.parse builds any
 * object: a body nested thousands of levels would otherwise overflow the stack further in (a 500).
 */
export function jsonLimitViolation(text: string, limits: JsonBodyLimits): string | undefined {
  let depth = 0;
  let keys = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) return `The request body nests deeper than ${limits.maxDepth} levels.`;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    // Outside strings a colon only ever follows an object key.
    else if (c === COLON && ++keys > limits.maxKeys) return `The request body holds more than ${limits.maxKeys} keys.`;
  }
  return undefined;
}

/** The 400 for a body over the JSON limits; thrown from the body parser, so no object is ever built. */
export function jsonLimitProblem(detail: string): ApiProblemException {
  return new ApiProblemException({ problem: problem(400, HttpProblemCode.MalformedRequest, 'Malformed request', detail) });
}
