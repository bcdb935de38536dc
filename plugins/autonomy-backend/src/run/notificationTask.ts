import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type AuthService,
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { readMemberships } from '../catalog/readMemberships';
import type { CompiledGuardrails } from '../domain/guardrails/compileGuardrails';
import { guardrailSummaries } from '../domain/notifications/guardrailFailing';
import { campaignDeadlineNotifications } from '../domain/notifications/campaignDeadlines';
import { AutonomyNotifier } from '../service/AutonomyNotifier';
import { CampaignService } from '../service/CampaignService';
import type { Stores } from '../store/createStores';

export const NOTIFICATION_TASK_ID = 'autonomy-notifications';

export const DEFAULT_NOTIFICATION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 30 },
  };

/**
 * Schedules the notifications sweep as a global task (one replica at a time): it records the
 * exemption reminders and campaign deadlines due now and sends whatever is still pending, such as
 * a notification whose sender crashed. The ledger's keys make a second sweep add nothing.
 */
export async function scheduleNotifications(options: {
  scheduler: SchedulerService;
  schedule: SchedulerServiceTaskScheduleDefinition;
  logger: LoggerService;
  run: () => Promise<void>;
}) {
  await options.scheduler.scheduleTask({
    id: NOTIFICATION_TASK_ID,
    ...options.schedule,
    fn: options.run,
  });
}

/** The campaign deadline reminders due now, from the campaigns' stored progress. */
export async function campaignDeadlinesDue(
  campaigns: Pick<CampaignService, 'listCampaigns'>,
) {
  return campaignDeadlineNotifications((await campaigns.listCampaigns()).items);
}

/** Builds the notifier from the plugin's services and schedules its sweep; undefined when off. */
export async function setupNotifications(options: {
  config: Config;
  scheduler: SchedulerService;
  logger: LoggerService;
  stores: Stores;
  /** The guardrails in force: app-config's and the catalog's, as the last run applied them. */
  guardrails(): Promise<CompiledGuardrails>;
  catalog: CatalogService;
  auth: AuthService;
  notifications: NotificationService;
  now(): Date;
}): Promise<AutonomyNotifier | undefined> {
  const { config, scheduler, logger, catalog, auth } = options;
  if (config.getOptionalBoolean('autonomy.notifications.enabled') === false)
    return undefined;
  const campaigns = new CampaignService(options.stores.campaigns, options.now);
  const notifier = new AutonomyNotifier({
    stores: options.stores,
    guardrails: async () =>
      guardrailSummaries(
        (await options.guardrails()).guardrails.map(g => g.definition),
      ),
    readMemberships: users => readMemberships(catalog, auth, users),
    notifications: options.notifications,
    extraDue: () => campaignDeadlinesDue(campaigns),
    logger,
    now: options.now,
  });
  const schedule = config.getOptionalConfig('autonomy.notifications.schedule');
  await scheduleNotifications({
    scheduler,
    logger,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_NOTIFICATION_SCHEDULE,
    run: () => notifier.runScheduled(),
  });
  return notifier;
}
