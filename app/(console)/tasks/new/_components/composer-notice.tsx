import type { ComposerNotice as Notice } from "@/lib/composer-contract";

/** How the composer was prefilled (a follow-up), as a named region above the form. */
export function ComposerNotice({ notice }: { notice: Notice }) {
  const tone =
    notice.tone === "problem"
      ? "border-amber-300 bg-amber-50 text-amber-950"
      : "border-sky-200 bg-sky-50 text-sky-950";
  return (
    <section aria-labelledby="composer-notice-title" className={`rounded-lg border p-4 ${tone}`}>
      <h2 id="composer-notice-title" className="font-medium">
        {notice.title}
      </h2>
      {notice.messages.map((message) => (
        <p key={message} className="mt-1 text-sm">
          {message}
        </p>
      ))}
    </section>
  );
}
