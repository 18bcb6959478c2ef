import { statusLabels } from '../../templates/labels.js';
import { stockholmDate } from '../../domain/calendar-date.js';
import { certificateStateOn } from './certificate-admin.use-case.js';
import type { AdminDeps } from './admin-deps.js';

/** A table to export: column headings (Swedish) and rows of plain values. */
export interface ExportTable {
  sheetName: string;
  columns: string[];
  rows: (string | number)[][];
}

/** Every certificate with its validity and its status today. */
export async function certificatesTable(deps: Pick<AdminDeps, 'certificates' | 'now'>): Promise<ExportTable> {
  const today = stockholmDate(deps.now());
  const certificates = await deps.certificates.listEndingFrom();
  return {
    sheetName: 'Certifikat',
    columns: ['Certifikat', 'Organisationsnummer', 'Organisation', 'Ort', 'Giltigt från', 'Giltigt till', 'Status', 'Återkallat från', 'Skäl', 'Ersatt av', 'Ansökan', 'Utfärdat'],
    rows: certificates
      .sort((a, b) => a.certificateId.localeCompare(b.certificateId))
      .map((c) => [
        c.certificateId,
        c.organisationNumber,
        c.organisationName,
        c.town,
        c.validFrom,
        c.validUntil,
        certificateStateOn(c, today),
        c.revokedAt ?? '',
        c.revocationReason ?? '',
        c.supersededBy ?? '',
        c.applicationId,
        c.issuedAt,
      ]),
  };
}

/** Every application with its status and dates. */
export async function applicationsTable(deps: Pick<AdminDeps, 'applications'>): Promise<ExportTable> {
  const applications = await deps.applications.listAll();
  return {
    sheetName: 'Ansökningar',
    columns: ['Ansökan', 'Version', 'Status', 'Organisationsnummer', 'Organisation', 'Ort', 'Kontaktperson', 'E-post', 'Inskickad', 'Senast ändrad', 'Beslut', 'Certifikat'],
    rows: applications.map((a) => [
      a.id,
      a.applicationType === 'full' ? 'QM-ansökan' : 'Revidering',
      statusLabels.sv[a.status],
      a.organisation.organisationNumber,
      a.organisation.name,
      a.organisation.town,
      a.contact.name,
      a.contact.email,
      a.submittedAt,
      a.updatedAt,
      a.history.find((h) => h.to === 'certified' || h.to === 'rejected')?.at ?? '',
      typeof a.certificateId === 'string' ? a.certificateId : '',
    ]),
  };
}
