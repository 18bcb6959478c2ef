import type { AuditEntry } from '../../domain/audit.js';
import type { Member } from '../../domain/member.js';
import { matchesSearch } from '../../domain/programme-overview.js';
import { importMembers, MemberCsvHeaderError, type MemberImportReport } from '../import-members.use-case.js';
import { done, refused, type ActionOutcome, type AdminDeps } from './admin-deps.js';
import type { ApplicationSummaryRow } from '../../domain/application-record.js';
import type { StoredCertificate } from '../../domain/certificate.js';

export async function listMembers(deps: AdminDeps, query: string): Promise<Member[]> {
  const members = await deps.members.list();
  return members.filter((m) => matchesSearch({ name: m.name, organisationNumber: m.organisationNumber, town: m.town }, query));
}

export interface MemberAdminView {
  member: Member;
  applications: ApplicationSummaryRow[];
  certificates: StoredCertificate[];
  audit: AuditEntry[];
}

export async function viewMember(deps: AdminDeps, organisationNumber: string): Promise<MemberAdminView | undefined> {
  const member = await deps.members.find(organisationNumber);
  if (!member) return undefined;
  const [applications, audit] = await Promise.all([deps.applications.forOrganisation(organisationNumber), deps.audit.forItem('member', organisationNumber)]);
  const ids = applications.map((a) => a.certificateId).filter((c): c is string => typeof c === 'string');
  const certificates = (await Promise.all(ids.map((c) => deps.certificates.get(c)))).filter((c): c is StoredCertificate => c !== undefined);
  return { member, applications, certificates, audit };
}

/** Adds a member, or changes its name, town and registered addresses. */
export async function saveMember(deps: AdminDeps, staff: string, member: Member, reason: string | undefined): Promise<ActionOutcome> {
  const before = await deps.members.find(member.organisationNumber);
  await deps.members.put(member, deps.now());
  const details = before
    ? `Namn: ${before.name} → ${member.name}; ort: ${before.town} → ${member.town}; adresser: ${before.emails.join(', ')} → ${member.emails.join(', ')}`
    : `Ny medlem: ${member.name}, ${member.town}; adresser: ${member.emails.join(', ')}`;
  await deps.audit.record({
    at: deps.now().toISOString(),
    actor: staff,
    action: 'member-saved',
    itemKind: 'member',
    itemId: member.organisationNumber,
    details,
    ...(reason ? { reason } : {}),
  });
  return done;
}

/** Ends a membership on a date: no application after it; certificates run to their end. */
export async function endMembership(deps: AdminDeps, staff: string, organisationNumber: string, lastDay: string, reason: string): Promise<ActionOutcome> {
  if (!(await deps.members.endMembership(organisationNumber, lastDay, deps.now()))) return refused(404, 'Medlemmen finns inte i registret.');
  await deps.audit.record({
    at: deps.now().toISOString(),
    actor: staff,
    action: 'membership-ended',
    itemKind: 'member',
    itemId: organisationNumber,
    reason,
    details: `Medlemskapet gäller till och med ${lastDay}`,
  });
  return done;
}

/** The CLI's import, from an uploaded file: the report lists invalid rows by line. */
export async function importMembersCsv(
  deps: AdminDeps,
  staff: string,
  fileName: string,
  csvText: string,
): Promise<{ ok: true; report: MemberImportReport } | { ok: false; status: 400; message: string }> {
  try {
    const report = await importMembers({ members: deps.members, now: deps.now }, csvText);
    await deps.audit.record({
      at: deps.now().toISOString(),
      actor: staff,
      action: 'members-imported',
      itemKind: 'member',
      itemId: 'register',
      details: `${fileName}: ${report.imported} importerade, ${report.invalid.length} ogiltiga rader${report.invalid.length ? ` (rad ${report.invalid.map((r) => r.line).join(', ')})` : ''}`,
    });
    return { ok: true, report };
  } catch (error) {
    if (error instanceof MemberCsvHeaderError) {
      return { ok: false, status: 400, message: 'Första raden ska vara rubrikraden "organisationsnummer,name,town,email".' };
    }
    throw error;
  }
}
