import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <section aria-labelledby="not-found-title" className="space-y-3">
        <h1 id="not-found-title" className="text-2xl font-semibold">
          Page not found
        </h1>
        <p>There is nothing at this address.</p>
        <Link href="/" className="text-brand-700 underline">
          Back to the overview
        </Link>
      </section>
    </main>
  );
}
