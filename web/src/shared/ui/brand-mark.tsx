/** The 安场 mark: a sales pavilion under a gold roof. Same drawing as the favicon. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }}>
      <rect width="64" height="64" rx="14" fill="#1e5aa8" />
      <path d="M32 12 14 24v4h36v-4L32 12Z" fill="#f5c26b" />
      <path d="M18 30h6v16h-6zM29 30h6v16h-6zM40 30h6v16h-6zM14 48h36v4H14z" fill="#fff" />
    </svg>
  );
}
