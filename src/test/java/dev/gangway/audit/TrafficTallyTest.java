package dev.gangway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gangway.audit.TrafficTally.Count;
import dev.gangway.audit.TrafficTally.DirectoryTraffic;
import dev.gangway.audit.TrafficTally.RecentError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TrafficTallyTest {
  private static final Instant T0 = Instant.parse("2026-11-30T10:15:00Z");

  private static RecentError error(Instant at, int status) {
    return new RecentError(at, "POST", "/scim/v2/Users", status, "invalidValue", "bad");
  }

  @Test
  void countsPerDirectoryAndHourWithTheLatestRequestAndWrite() {
    TrafficTally tally = new TrafficTally(50);
    tally.record(1, T0, true, null);
    tally.record(1, T0.plusSeconds(60), false, error(T0.plusSeconds(60), 400));
    tally.record(1, T0.plus(Duration.ofHours(1)), false, null);
    tally.record(2, T0, false, null);

    List<DirectoryTraffic> drained = tally.drain();

    assertThat(drained).extracting(DirectoryTraffic::directoryId).containsExactly(1L, 2L);
    DirectoryTraffic one = drained.get(0);
    assertThat(one.hours())
        .containsExactly(
            Map.entry(Instant.parse("2026-11-30T10:00:00Z"), new Count(2, 1)),
            Map.entry(Instant.parse("2026-11-30T11:00:00Z"), new Count(1, 0)));
    assertThat(one.lastRequestAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(one.lastWriteAt()).isEqualTo(T0);
    assertThat(one.errors()).extracting(RecentError::status).containsExactly(400);
    assertThat(drained.get(1).lastWriteAt()).isNull();
    assertThat(tally.drain()).as("a drain takes everything").isEmpty();
    assertThat(tally.isEmpty()).isTrue();
  }

  @Test
  void keepsOnlyTheMostRecentErrors() {
    TrafficTally tally = new TrafficTally(3);
    for (int i = 0; i < 10; i++)
      tally.record(1, T0.plusSeconds(i), false, error(T0.plusSeconds(i), 400 + i));
    DirectoryTraffic t = tally.drain().get(0);
    assertThat(t.errors()).extracting(RecentError::status).containsExactly(407, 408, 409);
    assertThat(t.hours().get(Instant.parse("2026-11-30T10:00:00Z"))).isEqualTo(new Count(10, 10));
  }

  @Test
  void whatCouldNotBeWrittenComesBackUnderWhatCameSince() {
    TrafficTally tally = new TrafficTally(3);
    tally.record(1, T0, true, error(T0, 401));
    tally.record(1, T0.plusSeconds(1), false, error(T0.plusSeconds(1), 402));
    List<DirectoryTraffic> failed = tally.drain();
    tally.record(1, T0.plusSeconds(2), false, error(T0.plusSeconds(2), 403));
    tally.record(1, T0.plusSeconds(3), false, error(T0.plusSeconds(3), 404));

    tally.restore(failed);

    DirectoryTraffic t = tally.drain().get(0);
    assertThat(t.hours().values()).containsExactly(new Count(4, 4));
    assertThat(t.lastRequestAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(t.lastWriteAt()).isEqualTo(T0);
    assertThat(t.errors())
        .extracting(RecentError::status)
        .as("oldest first, the oldest dropped")
        .containsExactly(402, 403, 404);
  }

  @Test
  void noRequestIsLostOrCountedTwiceWhileDrainsRunConcurrently() throws Exception {
    TrafficTally tally = new TrafficTally(50);
    int threads = 8;
    int perThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long directory = t % 3;
      writers.add(
          pool.submit(
              () -> {
                go.await();
                for (int i = 0; i < perThread; i++)
                  tally.record(directory, T0, i % 2 == 0, i % 10 == 0 ? error(T0, 400) : null);
                return null;
              }));
    }
    long requests = 0;
    long errors = 0;
    AtomicBoolean done = new AtomicBoolean();
    go.countDown();
    while (!done.get()) {
      done.set(writers.stream().allMatch(Future::isDone));
      for (DirectoryTraffic d : tally.drain()) {
        for (Count c : d.hours().values()) {
          requests += c.requests();
          errors += c.errors();
        }
      }
    }
    for (DirectoryTraffic d : tally.drain()) {
      for (Count c : d.hours().values()) {
        requests += c.requests();
        errors += c.errors();
      }
    }
    for (Future<?> w : writers) w.get();
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(requests).isEqualTo((long) threads * perThread);
    assertThat(errors).isEqualTo((long) threads * perThread / 10);
  }

  @Test
  void theFlushIntervalIsADurationAboveZero() {
    assertThat(SyncRecorder.parseInterval("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(SyncRecorder.parseInterval(" 500ms ")).isEqualTo(Duration.ofMillis(500));
    assertThat(SyncRecorder.parseInterval("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(SyncRecorder.parseInterval("PT1M")).isEqualTo(Duration.ofMinutes(1));
    assertThat(SyncRecorder.parseInterval("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(SyncRecorder.parseInterval("3")).isEqualTo(Duration.ofSeconds(3));
    for (String bad : new String[] {"0", "-1s", "soon", ""}) {
      assertThatThrownBy(() -> SyncRecorder.parseInterval(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("GANGWAY_TRAFFIC_FLUSH_INTERVAL");
    }
  }
}
