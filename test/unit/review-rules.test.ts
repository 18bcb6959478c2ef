import { describe, expect, it } from 'vitest';
import { canTransition, isFinal } from '../../functions/domain/application-status.js';
import { decisionFormSchema } from '../../functions/domain/review.js';
import { hashToken, isWellFormedToken, newSecretToken } from '../../functions/domain/secret-token.js';
import { swedishIssueMessage } from '../../functions/templates/validation-messages.js';

describe('decision rules', () => {
  it('accepts an approval without a comment', () => {
    expect(decisionFormSchema.safeParse({ decision: 'approve' }).success).toBe(true);
  });

  it.each([
    ['reject', 'rejection_reason_required', /^Skriv en motivering till avslaget/],
    ['request_completion', 'completion_reason_required', /^Skriv vad som ska kompletteras/],
  ])('requires a comment for %s, by code, worded in Swedish on the page', (decision, code, words) => {
    const result = decisionFormSchema.safeParse({ decision, comment: '   ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['comment'], message: code });
    expect(swedishIssueMessage(result.error?.issues[0]?.message ?? '')).toMatch(words);
  });

  it('refuses an unknown decision value', () => {
    const result = decisionFormSchema.safeParse({ decision: 'maybe', comment: 'x' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('review_decision_required');
    expect(swedishIssueMessage('review_decision_required')).toMatch(/^Välj ett beslut/);
  });

  it('refuses comments over 4000 characters', () => {
    expect(decisionFormSchema.safeParse({ decision: 'reject', comment: 'x'.repeat(4001) }).success).toBe(false);
  });

  it('allows only the lifecycle transitions of the programme', () => {
    expect(canTransition('in_review', 'certified')).toBe(true);
    expect(canTransition('completion_requested', 'in_review')).toBe(true);
    expect(canTransition('submitted', 'certified')).toBe(false);
    expect(canTransition('certified', 'rejected')).toBe(false);
    expect(isFinal('certified') && isFinal('rejected') && isFinal('expired')).toBe(true);
  });
});

describe('link tokens', () => {
  it('carries at least 128 bits as URL-safe base64 without padding', () => {
    const token = newSecretToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(isWellFormedToken(token)).toBe(true);
    expect(newSecretToken()).not.toBe(token);
  });

  it('is stored only as a hash, which finds it again and no other token', () => {
    // Prepare
    const token = newSecretToken();
    // Act
    const stored = hashToken(token);
    // Assess
    expect(stored).not.toContain(token);
    expect(hashToken(token)).toBe(stored);
    expect(hashToken(newSecretToken())).not.toBe(stored);
  });

  it('rejects malformed tokens before any lookup', () => {
    expect(isWellFormedToken('abc')).toBe(false);
    expect(isWellFormedToken(`${newSecretToken()}=`)).toBe(false);
    expect(isWellFormedToken('../../etc/passwd')).toBe(false);
  });
});
