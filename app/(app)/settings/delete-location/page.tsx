import type { Metadata } from "next";
import { DeleteLocationForm } from "@/components/settings/delete-location-form";
import { SettingsPage } from "@/components/settings/settings-page";
import { requireUser } from "@/lib/server/auth/auth";
import { deleteLocationDataAction } from "../actions";

export const metadata: Metadata = { title: "Delete my location data" };

export default async function DeleteLocationPage() {
  await requireUser("/settings/delete-location");
  return (
    <SettingsPage tone="danger" title="Delete my location data">
      <DeleteLocationForm action={deleteLocationDataAction} />
    </SettingsPage>
  );
}
