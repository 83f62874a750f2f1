import type { Metadata } from "next";
import Link from "next/link";
import { DataList } from "@/components/data/data-list";
import { ledgerRows, probeNoticeRows } from "@/components/data/ledger";
import { BackToSettings } from "@/components/settings/settings-page";
import { SectionCard } from "@/components/ui/section-card";
import { requireUser } from "@/lib/server/auth/auth";
import { getLedger, getProbeNotices } from "@/lib/server/privacy/my-data";

export const metadata: Metadata = { title: "Disclosure ledger" };

const link = "font-medium text-brand-800 underline underline-offset-2 hover:text-brand-900";

export default async function LedgerPage() {
  const user = await requireUser("/settings/ledger");
  const now = new Date();
  const [ledger, notices] = await Promise.all([getLedger(user.id), getProbeNotices(user.id)]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <BackToSettings />
        <h1 className="-mt-2 text-2xl font-semibold tracking-tight sm:text-3xl">Disclosure ledger</h1>
        <p className="text-stone-600">
          Every time a friend was told about one of your plans, it is written here: who, exactly what they were told, and when. A friend is only ever told your
          name, the activity, the time and “in your area” — never where, how far, or your other plans.
        </p>
        <p className="text-sm text-stone-600">
          Entries are kept for {ledger.retentionDays} days, then deleted.{" "}
          <Link href="/settings/retention" className={link}>
            Change how long
          </Link>{" "}
          ·{" "}
          <Link href="/settings/data" className={link}>
            Everything we store about you
          </Link>
        </p>
      </div>

      {notices.count > 0 && (
        <SectionCard
          id="notices"
          title={`Possible probing: ${notices.count === 1 ? "1 notice" : `${notices.count} notices`}`}
          description="Plans of one of your friends for one activity came from every area a day allows and were checked against yours. Someone who keeps moving their plans around may be trying to work out where you are; we never say who, as that would tell you about their plans. Posting for close friends only, or choosing a larger area on the privacy page, makes each answer say less."
        >
          <DataList rows={probeNoticeRows(notices.items)} now={now.toISOString()} label="Notices" />
        </SectionCard>
      )}

      <SectionCard
        id="ledger"
        title={ledger.count === 0 ? "Disclosures" : `${ledger.count === 1 ? "1 disclosure" : `${ledger.count} disclosures`}, newest first`}
      >
        {ledger.count === 0 ? (
          <p className="text-stone-600">No friend has been told anything about you yet. When one of your plans matches a friend’s, it will show up here.</p>
        ) : (
          <DataList rows={ledgerRows(ledger.items)} now={now.toISOString()} label="Disclosures" />
        )}
      </SectionCard>
    </div>
  );
}
