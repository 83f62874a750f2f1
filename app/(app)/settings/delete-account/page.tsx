import type { Metadata } from "next";
import { DeleteAccountForm } from "@/components/settings/delete-account-form";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { deleteAccountAction } from "../actions";

export const metadata: Metadata = { title: "Delete my account" };

export default async function DeleteAccountPage() {
  await requireUser("/settings/delete-account");
  return (
    <SettingsPage tone="danger" title="Delete my account">
      <DeleteAccountForm action={deleteAccountAction} />
    </SettingsPage>
  );
}
