/** Stash before v0.28 has no scene-page patch points and loads plugins after the first render. */
export function OldStashNotice({ version }: { version: string }) {
  return (
    <div class="alert alert-info stash2plex-old-stash" role="alert">
      Stash {version} is older than v0.28.0, which Stash2Plex needs for its scene tab. The queue page and
      settings work, but update Stash to see the Plex tab on scene pages.
    </div>
  );
}
