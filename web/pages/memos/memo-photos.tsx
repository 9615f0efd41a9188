// A memo's visit photos (工作留痕) as thumbnails linking to the full image: on the memo page, under each
// memo of the 帮扶档案, and small in its printed copy (web/styles/print.css).
import { usePage } from '../../context';

export function MemoPhotos({ urls }: { urls: string[] }) {
  const { t } = usePage();
  if (urls.length === 0) return null;
  return (
    <ul class="photos" data-photos={urls.length}>
      {urls.map((url, i) => (
        <li>
          <a href={url}>
            <img src={url} alt={t('photo.alt', { n: i + 1 })} loading="lazy" width={160} height={120} />
          </a>
        </li>
      ))}
    </ul>
  );
}
