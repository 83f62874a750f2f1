"use server";

import { revalidatePath } from "next/cache";
import { userAction } from "@/lib/server/action";
import { updatePushControls } from "@/lib/server/privacy/settings";
import { isUsersDevice, removeDevice, removeDeviceByEndpoint, saveSubscription } from "@/lib/server/push/subscriptions";
import { endpointSchema, pushControlsSchema, subscribeSchema, subscriptionIdSchema } from "@/lib/validation/push";
import type { DeviceStatus } from "@/lib/views/devices";

const PAGE = "/settings/notifications";

// The endpoint is checked against the browsers' push services inside saveSubscription: it is the one
// URL the server fetches on a user's say-so.
export const saveDeviceAction = userAction(subscribeSchema, async (input, { user }) => {
  await saveSubscription(user.id, input);
  revalidatePath(PAGE);
  return { ok: true, message: "Notifications are on for this device." };
});

// Answers only about the endpoint the browser already holds: the page never gets any endpoint.
export const deviceStatusAction = userAction(endpointSchema, async ({ endpoint }, { user }) => {
  const status: DeviceStatus = { registered: (await isUsersDevice(user.id, endpoint)) ? "yes" : "no" };
  return { ok: true, data: status };
});

export const removeThisDeviceAction = userAction(endpointSchema, async ({ endpoint }, { user }) => {
  await removeDeviceByEndpoint(user.id, endpoint);
  revalidatePath(PAGE);
  return { ok: true, message: "Notifications are off for this device." };
});

// Someone else's device id gets the same "not found" as one that never existed.
export const removeDeviceAction = userAction(
  subscriptionIdSchema,
  async ({ subscriptionId }, { user }) => {
    await removeDevice(user.id, subscriptionId);
    revalidatePath(PAGE);
  },
  { idsOnly: true },
);

export const setPushControlsAction = userAction(pushControlsSchema, async (controls, { user }) => {
  await updatePushControls(user.id, controls);
  revalidatePath(PAGE);
  return { ok: true, message: "Saved." };
});
