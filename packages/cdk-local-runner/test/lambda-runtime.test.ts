import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalFunction } from '../src/cloud-assembly.js';
import { applyEnvironment, composeEnvironment } from '../src/lambda-environment.js';
import { LambdaRuntime } from '../src/lambda-runtime.js';

// Fixture entries are relative to the package, as an app's are to its project root.
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const fn = (logicalId: string, entry: string, environment: Record<string, string> = {}): LocalFunction => ({
  logicalId,
  entry,
  environment,
  timeoutSeconds: 15,
  memorySize: 512,
});

describe('composeEnvironment', () => {
  it('unites the functions, then local endpoints, then overrides', () => {
    const env = composeEnvironment(
      [fn('A', 'a.ts', { TABLE_NAME: 'T', ONLY_A: '1', PUBLIC_BASE_URL: 'https://x' }), fn('B', 'b.ts', { TABLE_NAME: 'T' })],
      { PUBLIC_BASE_URL: 'http://localhost:1' },
      { ONLY_A: '2' },
    );
    expect(env).toEqual({ TABLE_NAME: 'T', ONLY_A: '2', PUBLIC_BASE_URL: 'http://localhost:1' });
  });

  it('fails loudly when two functions disagree and nothing decides', () => {
    const functions = [fn('A', 'a.ts', { X: '1' }), fn('B', 'b.ts', { X: '2' })];
    expect(() => composeEnvironment(functions, {})).toThrow(/X: A="1" vs B="2"/);
    expect(composeEnvironment(functions, {}, { X: '3' }).X).toBe('3');
  });
});

describe('LambdaRuntime', () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it('imports handlers by entry after the environment is set and calls them with a Lambda context', async () => {
    restore = applyEnvironment({ FIXTURE_VAR: 'from-env' });
    const runtime = await LambdaRuntime.load([fn('Echo', 'test/fixtures/echo.handler.ts'), fn('Cb', 'test/fixtures/callback.handler.ts')], packageRoot);
    const result = (await runtime.invoke('arn:aws:lambda:eu-north-1:000000000000:function:Echo', { a: 1 })) as Record<string, unknown>;
    expect(result).toMatchObject({
      event: { a: 1 },
      importedWith: 'from-env',
      functionName: 'Echo',
      arn: 'arn:aws:lambda:eu-north-1:000000000000:function:Echo',
      when: '1970-01-01T00:00:00.000Z', // results go through JSON like a real invocation
    });
    expect(result.remaining).toBeGreaterThan(14_000);
    expect(await runtime.invoke('Cb', { b: 2 })).toEqual({ via: 'callback', event: { b: 2 } });
    await expect(runtime.invoke('Echo', { fail: 'PermanentError' })).rejects.toMatchObject({ name: 'PermanentError', message: 'asked to fail' });
    await expect(runtime.invoke('Nope', {})).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('refuses an entry without a handler export', async () => {
    await expect(LambdaRuntime.load([fn('Bad', 'test/fixtures/no-handler.ts')], packageRoot)).rejects.toThrow(/does not export a function 'handler'/);
  });
});
