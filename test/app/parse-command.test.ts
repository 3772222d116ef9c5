import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/handlers/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['/perf-review', { kind: 'review', mode: 'changed' }],
    ['  /perf-review  \nWhy: the loop changed', { kind: 'review', mode: 'changed' }],
    ['/perf-review full', { kind: 'review', mode: 'all' }],
    ['/perf-review FULL', { kind: 'review', mode: 'all' }],
    ['/perf-review help', { kind: 'help' }],
    ['/perf-review fulll', { kind: 'help', unknown: 'fulll' }],
    // Not a command: another word glued on, a second word, or not on the first line.
    ['/perf-reviewer', undefined],
    ['/perf-review full now', undefined],
    ['Thanks!\n/perf-review', undefined],
    ['please /perf-review', undefined],
  ])('%j', (body, command) => {
    expect(parseCommand(body)).toEqual(command);
  });
});
