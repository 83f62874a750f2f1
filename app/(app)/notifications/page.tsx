import type { Metadata } from "next";
import { NotificationList } from "@/components/notifications/notification-list";
import { relativeTime } from "@/lib/format";
import { requireUser } from "@/lib/server/auth/auth";
import { listNotifications } from "@/lib/server/live/inbox";
import { markReadAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser("/notifications");
  const notifications = await listNotifications(user.id);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Notifications</h1>
      {notifications.length === 0 ? (
        <div className="rounded-2xl border border-dashed border-stone-300 bg-white p-8 text-center">
          <p className="font-medium">You’re all caught up</p>
          <p className="mt-1 text-stone-600">Friend requests, and friends who want to do the same thing as you, will show up here.</p>
        </div>
      ) : (
        <NotificationList markRead={markReadAction} items={notifications.map(({ createdAt, ...rest }) => ({ ...rest, when: relativeTime(createdAt) }))} />
      )}
    </div>
  );
}
