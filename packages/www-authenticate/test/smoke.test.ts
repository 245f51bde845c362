import { expect, test } from 'vitest';
import * as api from '@authheaders/www-authenticate';

test('the package entry point loads', () => {
  expect(typeof api).toBe('object');
});
