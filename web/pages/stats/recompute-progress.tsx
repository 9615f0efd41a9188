import { chinaDateTime } from '../../../schema/rules/china-time';
import type { RecomputeJob } from '../../../worker/stats/recompute-job';
import { usePage } from '../../context';

/**
 * The latest rollup recompute's progress on its page (issue 20): steps done of all, when the last one
 * ran and how long it took, the longest step, and whether the job is done or waits to go on.
 */
export function RecomputeProgress({ job }: { job: RecomputeJob }) {
  const { t } = usePage();
  return (
    <dl class="facts" aria-label={t('stats.recomputeJob')}>
      <dt>{t('stats.recomputeJob.started')}</dt>
      <dd>{chinaDateTime(job.startedAt)}</dd>
      <dt>{t('stats.recomputeJob.steps')}</dt>
      <dd>
        <progress max={job.total} value={job.done} aria-label={t('stats.recomputeJob.steps')} />{' '}
        {t('stats.recomputeJob.stepsDone', { done: job.done, total: job.total })}
      </dd>
      {job.lastStepAt !== null && (
        <>
          <dt>{t('stats.recomputeJob.lastStep')}</dt>
          <dd>{t('stats.recomputeJob.stepTime', { at: chinaDateTime(job.lastStepAt), ms: job.lastStepMs ?? '—' })}</dd>
          <dt>{t('stats.recomputeJob.longest')}</dt>
          <dd>{t('stats.recomputeJob.longestStep', { ms: job.longestStepMs ?? '—', step: job.longestStep ?? '' })}</dd>
        </>
      )}
      <dt>{t('stats.recomputeJob.state')}</dt>
      <dd>
        {job.finishedAt !== null
          ? t('stats.recomputeJob.finished', { at: chinaDateTime(job.finishedAt) })
          : t('stats.recomputeJob.unfinished')}
      </dd>
    </dl>
  );
}
