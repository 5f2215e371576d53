import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-8">
      <section aria-labelledby="forbidden-title" className="space-y-3">
        <h1 id="forbidden-title" className="text-2xl font-semibold">
          Not allowed
        </h1>
        <p>Your role does not allow this page. Ask an administrator if you need it.</p>
        <Link href="/" className="text-brand-700 underline">
          Back to the overview
        </Link>
      </section>
    </main>
  );
}
