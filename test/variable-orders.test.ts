/**
 * Inputs that name the same variables in the same order share one order array (src/parse/variable-orders.ts), so
 * the printers' tables are made once per order; the decimal mark keeps inputs written with decimals apart.
 */
import { describe, expect, it } from 'vitest';
import { derivative } from '../src/index.js';
import { parseWithInfo } from '../src/parse/parser.js';
import { writtenWithDecimals } from '../src/parse/decimals.js';

const orderOf = (text: string): readonly string[] => parseWithInfo(text).variables;

describe('shared variable orders', () => {
  it.each([
    ['w*x + b', '  w*x  +  b ', true],
    ['w*x + b', 'sin(w)*x - b^2', true],
    ['w*x + b', 'x*w + b', false],
    ['x/2', '0.5*x', false],
    ['0.5*x', '1.5*x^2', true],
  ])('%s and %s -> one array: %s', (a, b, shared) => {
    expect(orderOf(a) === orderOf(b)).toBe(shared);
    expect(orderOf(a)).toEqual(orderOf(a).slice());
  });

  it.each([
    ['0.5*x', true],
    ['x/2', false],
  ])('%s -> written with decimals: %s', (text, decimals) => {
    expect(writtenWithDecimals(orderOf(text))).toBe(decimals);
  });

  it('inputs with decimals and without, alternating, each print as written', () => {
    for (let i = 0; i < 3; i++) {
      expect(derivative('0.25*x^2', 'x').toString()).toBe('0.5*x');
      expect(derivative('x^2/4', 'x').toString()).toBe('x/2');
    }
  });

  it('more than 64 variables -> an order of its own (long keys are not kept)', () => {
    const text = Array.from({ length: 65 }, (_, i) => `a${i}`).join(' + ');
    expect(orderOf(text) === orderOf(` ${text}`)).toBe(false);
  });
});
