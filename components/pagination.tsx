import Link from "next/link";

/** Previous / next links that keep the filters; a disabled end is plain text, not a dead link. */
export function Pagination({
  page,
  pageCount,
  href,
}: {
  page: number;
  pageCount: number;
  /** The URL of a page, with the current filters. */
  href: (page: number) => string;
}) {
  return (
    <nav aria-label="Pagination" className="flex items-center gap-4 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="text-brand-700 underline">
          Previous page
        </Link>
      ) : (
        <span className="text-slate-400">Previous page</span>
      )}
      <span aria-current="page">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={href(page + 1)} className="text-brand-700 underline">
          Next page
        </Link>
      ) : (
        <span className="text-slate-400">Next page</span>
      )}
    </nav>
  );
}
