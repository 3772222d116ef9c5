import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { review } from '../../src/engine/index.js';
import { docsUrlFor } from '../../src/review/docs.js';
import { FINGERPRINT_KEY, renderSarif, toSarifLog } from '../../src/review/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { N_PLUS_ONE } from '../cli/cli-harness.js';
import { finding, result } from './result-fixture.js';

// ajv-formats is CommonJS with a default export: under NodeNext it arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const SCHEMA_FILE = join(import.meta.dirname, '..', 'fixtures', 'sarif', 'sarif-2.1.0.json');
/** The SDK's file as shipped (see test/fixtures/sarif/README.md): a changed copy would prove nothing. */
const SCHEMA_SHA256 = '1c49a0f2b60444c71bb14878e21e0d882198eff4c539861b133093ad89ed798c';

let compiled: Promise<ValidateFunction> | undefined;
/** Compiled once: the schema is large and every test reads the same one. */
function sarifValidator(): Promise<ValidateFunction> {
  return (compiled ??= compileSchema());
}

async function compileSchema(): Promise<ValidateFunction> {
  const text = await readFile(SCHEMA_FILE, 'utf8');
  expect(createHash('sha256').update(text).digest('hex')).toBe(SCHEMA_SHA256);
  // strict off: the official schema uses keywords (`definitions`, `default` beside `$ref`) that strict mode refuses.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(text) as object);
}

/** A real review: the N+1 from the CLI tests, a file that does not parse, and one too large to read. */
function realResult() {
  const reviewed = review(
    [
      { path: 'src/list.ts', content: N_PLUS_ONE },
      { path: 'src/broken.ts', content: 'export const = ;\n' },
      { path: 'src/big bundle.ts', skipReason: 'larger than 1 MB' },
    ],
    { mode: 'all' },
  );
  expect(reviewed.findings.length).toBeGreaterThan(0);
  return reviewed;
}

describe('renderSarif', () => {
  it('writes a log that the SARIF 2.1.0 schema accepts', async () => {
    const validate = await sarifValidator();
    const log = JSON.parse(renderSarif(realResult(), { version: '1.2.3', srcRoot: 'file:///work/repo/' }));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('accepts an empty review too', async () => {
    const validate = await sarifValidator();
    expect(validate(toSarifLog(result([]), { version: '0.1.0' }))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('is checked by a schema that refuses what SARIF does not allow', async () => {
    const validate = await sarifValidator();
    const log = toSarifLog(result([finding()]), { version: '1.2.3' });
    // SARIF has no "critical" level, and a log without its version is not a SARIF log.
    expect(validate({ ...log, runs: [{ ...log.runs[0], results: [{ ...log.runs[0]!.results[0], level: 'critical' }] }] })).toBe(false);
    const { version: _version, ...unversioned } = log;
    expect(validate(unversioned)).toBe(false);
  });

  it('names the schema, the version and one run of perf-review', () => {
    const log = toSarifLog(result([]), { version: '1.2.3' });
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'perf-review', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
  });

  it('describes every registered rule with its help, link, checklist tag and default level', () => {
    const { rules } = toSarifLog(result([]), { version: '1.2.3' }).runs[0]!.tool.driver;
    expect(rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    const levels = { critical: 'error', moderate: 'warning', minor: 'note' } as const;
    for (const [index, rule] of rules.entries()) {
      const registered = RULES[index]!;
      expect(rule.helpUri).toBe(docsUrlFor(registered.id));
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text).toContain(registered.docs.description);
      expect(rule.help.text).toContain(docsUrlFor(registered.id));
      expect(rule.help.markdown).toContain(`](${docsUrlFor(registered.id)})`);
      expect(rule.properties.tags).toContain(registered.checklist);
      expect(rule.defaultConfiguration.level).toBe(levels[registered.severity]);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
    }
  });

  it('gives each finding its rule, level, message, location and fingerprint', () => {
    const f = finding({ severity: 'moderate', path: 'src/mail jobs/send.ts', line: 14, column: 5, endLine: 18, fingerprint: 'abc123' });
    const log = toSarifLog(result([f]), { version: '1.2.3' });
    const [sarif] = log.runs[0]!.results;
    expect(sarif).toEqual({
      ruleId: 'no-query-in-loop',
      ruleIndex: RULES.findIndex((rule) => rule.id === 'no-query-in-loop'),
      level: 'warning',
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            // Escaped: a space in a folder name would otherwise make an invalid URI.
            artifactLocation: { uri: 'src/mail%20jobs/send.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 14, startColumn: 5, endLine: 18 },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: 'abc123' },
      properties: { checklist: 'db.n-plus-one', severity: 'moderate' },
    });
    expect(log.runs[0]!.tool.driver.rules[sarif!.ruleIndex!]!.id).toBe('no-query-in-loop');
  });

  it('lists the files it could not review as notifications of a successful run', () => {
    const log = toSarifLog(realResult(), { version: '1.2.3' });
    const [invocation] = log.runs[0]!.invocations;
    expect(invocation!.executionSuccessful).toBe(true);
    const notified = invocation!.toolExecutionNotifications.map((n) => [n.locations[0]!.physicalLocation.artifactLocation.uri, n.message.text]);
    expect(notified).toEqual(
      expect.arrayContaining([
        ['src/broken.ts', expect.stringMatching(/^src\/broken\.ts was not reviewed: does not parse/)],
        ['src/big%20bundle.ts', 'src/big bundle.ts was not reviewed: larger than 1 MB'],
      ]),
    );
  });

  it('records the source root only when told it', () => {
    expect(toSarifLog(result([]), { version: '1' }).runs[0]!.originalUriBaseIds).toBeUndefined();
    expect(toSarifLog(result([]), { version: '1', srcRoot: 'file:///repo/' }).runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });
});
