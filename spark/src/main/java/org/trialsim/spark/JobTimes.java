package org.trialsim.spark;

import java.util.Locale;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Where a run's time went on Spark, from Spark's own task metrics (the figures its event log and web page
 * show): the jobs' wall time, the tasks' time on the executors and their CPU time, what of it went to
 * deserializing the task and to garbage collection, and the time no task ran: from a job's submission to its
 * first task, and the slots idle between tasks and at the end of a job (the cost of the task granularity and of
 * scheduling). Printed by the runner unless quiet, for issue #17's breakdown of Spark's overhead
 * ({@code benchmarks/spark-overhead.sh}). Spark calls it on its listener thread, after the events happened.
 */
final class JobTimes extends SparkListener {

    private long jobs;
    private long jobsEnded;
    private long jobMillis;
    private long firstTaskMillis;
    private long tasks;
    private long attempts;
    private long taskMillis;
    private long runMillis;
    private long cpuNanos;
    private long deserializeMillis;
    private long gcMillis;
    private long resultMillis;
    private long submitted;
    private long firstLaunch;

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        jobs++;
        submitted = start.time();
        firstLaunch = Long.MAX_VALUE;
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        TaskInfo info = end.taskInfo();
        attempts++;
        firstLaunch = Math.min(firstLaunch, info.launchTime());
        taskMillis += info.finishTime() - info.launchTime();
        TaskMetrics m = end.taskMetrics();
        if (info.successful()) {
            tasks++;
        }
        if (m != null) {
            runMillis += m.executorRunTime();
            cpuNanos += m.executorCpuTime() + m.executorDeserializeCpuTime();
            deserializeMillis += m.executorDeserializeTime();
            gcMillis += m.jvmGCTime();
            resultMillis += m.resultSerializationTime();
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        jobsEnded++;
        jobMillis += end.time() - submitted;
        if (firstLaunch != Long.MAX_VALUE) {
            firstTaskMillis += firstLaunch - submitted;
        }
        notifyAll();
    }

    /** Waits (a little) until Spark's listener thread has delivered the end of every job started. */
    synchronized void awaitJobsEnded(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (jobsEnded < jobs && System.currentTimeMillis() < until) {
            wait(Math.max(1, until - System.currentTimeMillis()));
        }
    }

    /**
     * One line: jobs, tasks (and failed attempts), the jobs' wall time, the tasks' time and CPU time, what of
     * it deserializing and GC took, the time from submission to the first task and the slot time no task ran.
     *
     * @param slots the task slots (cores) of the cluster
     */
    synchronized String summary(int slots) {
        double idle = Math.max(0, jobMillis * (double) slots - taskMillis) / 1e3;
        return String.format(Locale.ROOT, "spark: %d job%s, %d tasks%s on %d slots in %.1f s: tasks ran %.1f s "
                + "(CPU %.1f s; deserializing %.2f s, GC %.2f s, results %.2f s), first task %.2f s after "
                + "submission, slots idle %.1f s", jobs, jobs == 1 ? "" : "s", tasks,
                attempts > tasks ? " (" + (attempts - tasks) + " attempts failed)" : "", slots, jobMillis / 1e3,
                runMillis / 1e3, cpuNanos / 1e9, deserializeMillis / 1e3, gcMillis / 1e3, resultMillis / 1e3,
                firstTaskMillis / 1e3, idle);
    }
}
