// The visit photos' file input (issue 22). Without JavaScript the originals are posted and the server
// strips their metadata; with it, the photo-resize island shrinks each to a ≤ 1600 px JPEG first.
// No `capture` attribute: on Android it opens the camera only, and officers also pick from the gallery.
import { PHOTO_TYPES } from '../../../schema/rules/photos';
import { Island } from '../../components/island';
import { usePage } from '../../context';

export function PhotoField({ error }: { error?: string }) {
  const { t } = usePage();
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for="f-photos">{t('photo.label')}</label>
      <Island
        name="photo-resize"
        props={{ accept: PHOTO_TYPES.join(','), describedBy: error ? 'h-photos e-photos' : 'h-photos', busy: t('photo.resizing') }}
      />
      <small id="h-photos" class="hint">
        {t('photo.hint')}
      </small>
      {error && (
        <small id="e-photos" class="error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
