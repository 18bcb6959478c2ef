import { luhnCheckDigit } from '../../functions/domain/organisation-number.js';
import type { Certificate } from '../../functions/domain/certificate.js';
import { addYears, type CalendarDate } from '../../functions/domain/calendar-date.js';

/** A valid (Luhn) fictional organisation number, unique per n below 10^7: 89nnnn-nnnc. */
export function organisationNumber(n: number): string {
  const nine = `89${String(n).padStart(7, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

/** A fictional certificate ending on `validUntil` (three years after its start). */
export function certificateFixture(n: number, validUntil: CalendarDate, overrides: Partial<Certificate> = {}): Certificate {
  return {
    certificateId: `QM-2026-${String(n).padStart(4, '0')}`,
    applicationId: `A-20261125-${String(n).padStart(6, '0').replace(/[ILOU]/g, '0')}`,
    organisationNumber: organisationNumber(n),
    organisationName: `Exempelstad ${n} Citysamverkan`,
    town: `Exempelstad ${n}`,
    municipality: `Exempelstads kommun`,
    validFrom: addYears(validUntil, -3),
    validUntil,
    issuedAt: '2026-11-25T10:00:00.000Z',
    decidedBy: 'granskare@stadskarnor.example',
    contact: { name: `Kim Exempelsson ${n}`, email: `kontakt${n}@exempelstad.example` },
    ...overrides,
  };
}

/** The demo member's certificate (Exempelstad City, 802999-1000), for template tests. */
export function exampleCertificate(overrides: Partial<Certificate> = {}): Certificate {
  return {
    certificateId: 'QM-2026-0001',
    applicationId: 'A-20261125-7KQ3ZP',
    organisationNumber: '802999-1000',
    organisationName: 'Exempelstad City',
    town: 'Exempelstad',
    municipality: 'Exempelstads kommun',
    validFrom: '2026-11-25',
    validUntil: '2029-11-25',
    issuedAt: '2026-11-25T10:00:00.000Z',
    decidedBy: 'granskare@stadskarnor.example',
    contact: { name: 'Kim Exempelsson', email: 'kim@exempelstad.example' },
    ...overrides,
  };
}
