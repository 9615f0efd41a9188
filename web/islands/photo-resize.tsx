// Island: the visit photos' file input. With JavaScript, each photo picked is drawn onto a canvas at
// most PHOTO_MAX_SIDE px on its longer side and replaced by that canvas's JPEG, which carries no EXIF,
// XMP or GPS (a canvas export holds pixels only); the form then posts the small copies. A photo that
// cannot be decoded here is left as it is, for the server to check and strip.
import { useState } from 'preact/hooks';
import { PHOTO_MAX_SIDE } from '../../schema/rules/photos';

export type PhotoResizeProps = { accept: string; describedBy: string; busy: string };

async function shrink(file: File): Promise<File> {
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ? new File([blob], `${file.name.replace(/\.\w+$/, '')}.jpg`, { type: 'image/jpeg' }) : file;
  } catch {
    return file;
  }
}

export function PhotoResize({ accept, describedBy, busy }: PhotoResizeProps) {
  const [working, setWorking] = useState(false);
  const onChange = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    if (!input.files || input.files.length === 0 || typeof DataTransfer === 'undefined') return;
    setWorking(true);
    const files = await Promise.all(Array.from(input.files, shrink));
    const list = new DataTransfer();
    for (const f of files) list.items.add(f);
    input.files = list.files;
    setWorking(false);
  };
  return (
    <>
      <input id="f-photos" type="file" name="photos" multiple accept={accept} aria-describedby={describedBy} onChange={onChange} />
      <small aria-live="polite" class="hint">
        {working ? busy : ''}
      </small>
    </>
  );
}
