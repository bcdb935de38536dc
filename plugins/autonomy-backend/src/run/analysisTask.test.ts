import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  scheduleAnalysis,
  SHARD_LOOK_SECONDS,
  SHARD_TASK_ID,
} from './analysisTask';

const schedule: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 15 },
};

/** Schedules the tasks on a scheduler double and returns the local shard task's function. */
async function shardTask(options: {
  workShards: () => Promise<number>;
  keepWarm?: () => Promise<void>;
  coordinating?: () => boolean;
}) {
  const scheduler = mockServices.scheduler.mock();
  const logger = mockServices.logger.mock();
  await scheduleAnalysis({
    scheduler,
    logger,
    schedule,
    run: jest.fn(),
    ...options,
  });
  const task = scheduler.scheduleTask.mock.calls
    .map(([t]) => t)
    .find(t => t.id === SHARD_TASK_ID)!;
  expect(task.scope).toBe('local');
  expect(task.frequency).toEqual({ seconds: SHARD_LOOK_SECONDS });
  return { fn: () => task.fn(new AbortController().signal), logger };
}

describe('scheduleAnalysis', () => {
  it("keeps the replica's preview inputs current after each look for shards", async () => {
    const order: string[] = [];
    const { fn } = await shardTask({
      workShards: async () => {
        order.push('shards');
        return 0;
      },
      keepWarm: async () => {
        order.push('warm');
      },
    });
    await fn();
    expect(order).toEqual(['shards', 'warm']);
  });

  it('leaves the preview inputs alone while this replica coordinates a run', async () => {
    let coordinating = true;
    const keepWarm = jest.fn(async () => {});
    const { fn } = await shardTask({
      workShards: async () => 0,
      keepWarm,
      coordinating: () => coordinating,
    });
    await fn();
    expect(keepWarm).not.toHaveBeenCalled();
    coordinating = false;
    await fn();
    expect(keepWarm).toHaveBeenCalledTimes(1);
  });

  it('logs a failed refresh without failing the shard work', async () => {
    const { fn, logger } = await shardTask({
      workShards: async () => 2,
      keepWarm: () => Promise.reject(new Error('database gone')),
    });
    await expect(fn()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('database gone'),
    );
  });
});
