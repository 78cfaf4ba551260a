package dev.gangway.company;

import dev.gangway.platform.ChangeCause;
import dev.gangway.platform.errors.DomainException;
import dev.gangway.platform.persistence.RetriedOnConflict;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Places users again after a rule or company change. Up to {@code gangway.reevaluate.sync-limit}
 * users in the admin's own transaction; more in the background, in batches of their own
 * transactions, with progress readable at {@code /admin/api/reevaluations/{id}}.
 */
@ApplicationScoped
public class Reevaluations {
  static final int BATCH = 500;
  private static final Logger LOG = Logger.getLogger(Reevaluations.class.getName());

  private CompanyRepository repository;
  private CompanyMapping mapping;
  private ChangeCause cause;
  private Clock clock;
  private Event<Queued> queued;
  private int syncLimit;

  /**
   * Its own proxy, for the transaction of each background batch: a bean cannot take it in its
   * constructor.
   */
  @Inject Reevaluations self;

  /** A container resource, injected by the container as a field. */
  @Resource ManagedExecutorService executor;

  protected Reevaluations() {}

  @Inject
  Reevaluations(
      CompanyRepository repository,
      CompanyMapping mapping,
      ChangeCause cause,
      Clock clock,
      Event<Queued> queued,
      @ConfigProperty(name = "gangway.reevaluate.sync-limit", defaultValue = "2000")
          int syncLimit) {
    this.repository = repository;
    this.mapping = mapping;
    this.cause = cause;
    this.clock = clock;
    this.queued = queued;
    this.syncLimit = syncLimit;
  }

  /** Starts placing these users again; done at once when they are few. Within a transaction. */
  public Reevaluation start(String reason, List<String> userIds) {
    Reevaluation job = new Reevaluation(reason, userIds.size(), clock.instant());
    if (userIds.size() <= syncLimit) {
      // placed first, then inserted as finished: the placements' flushes cannot write the job
      // early, so it costs one INSERT and no UPDATE; flushed so that the caller knows its id
      job.progress(userIds.size(), mapping.placeAll(userIds));
      job.finish(Reevaluation.Status.DONE, clock.instant());
      repository.add(job);
      repository.flush();
      return job;
    }
    repository.add(job);
    repository.flush();
    queued.fire(new Queued(job.id(), new ArrayList<>(userIds), cause.describe()));
    return job;
  }

  /** A background job to start once the transaction that created it has committed. */
  record Queued(long jobId, List<String> userIds, String why) {}

  void submit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued q) {
    executor.submit(() -> self.runInBackground(q.jobId(), q.userIds(), q.why()));
  }

  @ActivateRequestContext
  public void runInBackground(long jobId, List<String> ids, String why) {
    cause.set(why + " (background re-evaluation " + jobId + ")");
    try {
      for (int i = 0; i < ids.size(); i += BATCH) {
        self.batch(jobId, ids.subList(i, Math.min(ids.size(), i + BATCH)));
      }
      self.finish(jobId, Reevaluation.Status.DONE);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "re-evaluation " + jobId + " failed", e);
      self.finish(jobId, Reevaluation.Status.FAILED);
    }
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  @RetriedOnConflict // a batch that lost a race with IdP writes runs again rather than failing the
  // job
  public void batch(long jobId, List<String> ids) {
    int moved = mapping.placeAll(ids);
    find(jobId).progress(ids.size(), moved);
  }

  @Transactional(Transactional.TxType.REQUIRES_NEW)
  @RetriedOnConflict
  public void finish(long jobId, Reevaluation.Status status) {
    find(jobId).finish(status, clock.instant());
  }

  @Transactional
  public ReevaluationProgress get(long id) {
    return ReevaluationProgress.of(find(id));
  }

  private Reevaluation find(long id) {
    return repository
        .reevaluation(id)
        .orElseThrow(() -> DomainException.notFound("no re-evaluation " + id));
  }
}
