import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '../lib/zod.js';
import { dependencies } from '../adapters/dependencies.js';
import { DeliverabilityRepository } from '../adapters/deliverability.repository.js';
import { getDocumentClient } from '../adapters/aws-clients.js';
import { withInvocationContext } from '../lambda/invocation-context.js';
import { logger } from '../lambda/logger.js';
import { publishMetrics } from '../lambda/metrics.js';
import { recordMailEvent } from '../use-cases/record-mail-event.use-case.js';

/** The parts of SES's EventBridge events ("Email Bounced", "Email Complained") this needs. */
const recipients = z.array(z.looseObject({ emailAddress: z.string() })).transform((r) => r.map((x) => x.emailAddress)).pipe(z.array(z.string().min(3)).min(1));
const mail = z.looseObject({ messageId: z.string().min(1), timestamp: z.string().optional(), tags: z.record(z.string(), z.array(z.string())).optional() });
const sesEventSchema = z.looseObject({
  time: z.string(),
  detail: z.discriminatedUnion('eventType', [
    z.looseObject({ eventType: z.literal('Bounce'), mail, bounce: z.looseObject({ bounceType: z.string(), bouncedRecipients: recipients }) }),
    z.looseObject({ eventType: z.literal('Complaint'), mail, complaint: z.looseObject({ complaintFeedbackType: z.string().optional(), complainedRecipients: recipients }) }),
  ]),
});

/** EventBridge: an SES bounce or complaint of this stage's configuration set. */
export const handler = middy<unknown, void>()
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .handler(async (event) => {
    const { time, detail } = sesEventSchema.parse(event);
    const applicationId = detail.mail.tags?.applicationId?.[0];
    logger.appendPersistentKeys({ applicationId: applicationId ?? null });
    const deps = dependencies();
    const result = await withInvocationContext({ applicationId }, () =>
      recordMailEvent(
        {
          ...deps,
          deliverability: new DeliverabilityRepository(getDocumentClient(), deps.config.TABLE_NAME),
          reviewerEmails: deps.config.REVIEWER_EMAILS,
          staffEmails: deps.config.STAFF_EMAILS,
          programmeContactEmail: deps.config.PROGRAMME_CONTACT_EMAIL,
        },
        {
          eventType: detail.eventType,
          recipients: detail.eventType === 'Bounce' ? detail.bounce.bouncedRecipients : detail.complaint.complainedRecipients,
          kind: detail.eventType === 'Bounce' ? detail.bounce.bounceType : (detail.complaint.complaintFeedbackType ?? 'complaint'),
          messageId: detail.mail.messageId,
          applicationId,
          at: new Date(time).toISOString(),
        },
      ),
    );
    logger.info('SES event recorded', { eventType: detail.eventType, recorded: result.recorded.length });
  });
