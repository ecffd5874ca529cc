package dev.outpost.sync.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's one Quartz scheduler (in-memory job store, its own small thread pool): sync passes,
 * garbage collection, quota, pull-time flushes. Each task is a named job that never runs twice at
 * once (a trigger that fires while it runs waits for it). Crons are 5-field, in UTC.
 */
public final class Schedules implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);
  private static final String TASK = "task";
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private final Scheduler scheduler;

  /**
   * Held shared by each running task, exclusively by {@link #close}: Outpost counts its own tasks in
   * flight instead of relying on Quartz's {@code shutdown(true)}, which can wait forever for a job
   * handed to a worker just as the pool stops (seen once in CI: the worker left, its job never ran,
   * and the pool still counted it busy).
   */
  private final ReadWriteLock inFlight = new ReentrantReadWriteLock();
  private volatile boolean closed;

  private Schedules(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Starts a scheduler with {@code threads} worker threads. */
  public static Schedules start(int threads) {
    Properties properties = new Properties();
    // Quartz keeps schedulers in a JVM-wide registry by name; tests run several runtimes at once.
    properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "outpost-" + UUID.randomUUID());
    properties.setProperty(StdSchedulerFactory.PROP_SCHED_THREAD_NAME, "outpost-scheduler");
    properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(threads));
    properties.setProperty("org.quartz.threadPool.threadNamePrefix", "outpost-task");
    properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    properties.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
    try {
      Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
      scheduler.start();
      return new Schedules(scheduler);
    } catch (SchedulerException e) {
      throw new IllegalStateException("starting the scheduler failed: " + e.getMessage(), e);
    }
  }

  /** Runs {@code task} at every fire time of the 5-field UTC cron {@code cron5}. */
  public void cron(String name, String cron5, Runnable task) {
    schedule(name, task, TriggerBuilder.newTrigger().withIdentity(name)
        .withSchedule(CronScheduleBuilder.cronSchedule(QuartzCron.fromUnix(cron5)).inTimeZone(UTC)
            .withMisfireHandlingInstructionFireAndProceed())
        .build());
  }

  /** Runs {@code task} every {@code interval}, the first time one interval from now. */
  public void every(String name, Duration interval, Runnable task) {
    schedule(name, task, TriggerBuilder.newTrigger().withIdentity(name)
        .startAt(Date.from(Instant.now().plus(interval)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .build());
  }

  /** Runs {@code task} once, {@code delay} from now, replacing any pending run of {@code name}. */
  public void once(String name, Duration delay, Runnable task) {
    schedule(name, task, TriggerBuilder.newTrigger().withIdentity(name)
        .startAt(Date.from(Instant.now().plus(delay.isNegative() ? Duration.ZERO : delay)))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build());
  }

  /** When {@code name} runs next, if it is scheduled. */
  public Optional<Instant> nextRun(String name) {
    try {
      Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(name));
      return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
    } catch (SchedulerException e) {
      throw new IllegalStateException("reading the schedule of " + name + " failed: " + e.getMessage(), e);
    }
  }

  public void cancel(String name) {
    try {
      scheduler.unscheduleJob(TriggerKey.triggerKey(name));
    } catch (SchedulerException e) {
      LOG.warn("cancelling {} failed: {}", name, e.getMessage());
    }
  }

  private void schedule(String name, Runnable task, Trigger trigger) {
    JobDataMap data = new JobDataMap();
    data.put(TASK, tracked(task));
    JobDetail job = JobBuilder.newJob(TaskJob.class).withIdentity(JobKey.jobKey(name)).usingJobData(data)
        .storeDurably().build();
    try {
      scheduler.addJob(job, true);
      if (scheduler.getTrigger(trigger.getKey()) != null) {
        scheduler.rescheduleJob(trigger.getKey(), TriggerBuilder.newTrigger().withIdentity(trigger.getKey())
            .forJob(job).withSchedule(trigger.getScheduleBuilder()).startAt(trigger.getStartTime()).build());
      } else {
        scheduler.scheduleJob(trigger.getTriggerBuilder().forJob(job).build());
      }
    } catch (SchedulerException e) {
      throw new IllegalStateException("scheduling " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code task} counted in flight while it runs; once closing, a task that fires late does not run. */
  private Runnable tracked(Runnable task) {
    return () -> {
      if (!inFlight.readLock().tryLock()) {
        return; // closing
      }
      try {
        if (!closed) {
          task.run();
        }
      } finally {
        inFlight.readLock().unlock();
      }
    };
  }

  /** Stops firing and waits for running tasks to finish. */
  @Override
  public void close() {
    closed = true;
    try {
      scheduler.standby();
    } catch (SchedulerException e) {
      LOG.warn("pausing the scheduler failed: {}", e.getMessage());
    }
    inFlight.writeLock().lock(); // every running task has ended
    inFlight.writeLock().unlock();
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      LOG.warn("stopping the scheduler failed: {}", e.getMessage());
    }
  }

  /** The one job class: runs the task in its data map; a failure is logged, the schedule goes on. */
  @DisallowConcurrentExecution
  public static final class TaskJob implements Job {
    @Override
    public void execute(JobExecutionContext context) {
      Runnable task = (Runnable) context.getMergedJobDataMap().get(TASK);
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.error("scheduled task {} failed", context.getJobDetail().getKey().getName(), e);
      }
    }
  }
}
