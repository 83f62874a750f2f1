import type { Metadata } from "next";
import { AddFriendForm } from "@/components/friends/add-friend-form";
import { ClosePrompt } from "@/components/friends/close-prompt";
import { CloseToggle } from "@/components/friends/close-toggle";
import { InvitePanel } from "@/components/friends/invite-panel";
import { PersonRow } from "@/components/friends/person";
import { ActionMenu, type MenuAction } from "@/components/ui/action-menu";
import { FormAlert } from "@/components/ui/form-alert";
import { InlineAction } from "@/components/ui/inline-action";
import { NoticeArea } from "@/components/ui/notice";
import { SectionCard } from "@/components/ui/section-card";
import { relativeTime } from "@/lib/format";
import { requireUser } from "@/lib/server/auth/auth";
import { getFriendsOverview } from "@/lib/server/social/friends";
import { listOpenInvites } from "@/lib/server/social/invites";
import {
  acceptRequestAction,
  addFriendAction,
  blockUserAction,
  cancelRequestAction,
  createInviteAction,
  declineRequestAction,
  removeFriendAction,
  revokeInviteAction,
  setCloseFriendAction,
  unblockUserAction,
} from "./actions";

export const metadata: Metadata = { title: "Friends" };

/** What blocking does, asked before it is done. */
function blockQuestion(name: string): string {
  return `Block ${name}? You won’t be matched with each other, they can’t send you requests, notifications between you are cleared and your open invite links are withdrawn. They aren’t told.`;
}

type Props = { searchParams: Promise<{ joined?: string }> };

/** Blocking someone, from a row's overflow menu, after the question above. */
function blockAction(userId: string, name: string): MenuAction {
  return { label: "Block", action: blockUserAction, fields: { userId }, confirm: blockQuestion(name), done: `Blocked ${name}.` };
}

export default async function FriendsPage({ searchParams }: Props) {
  const user = await requireUser("/friends");
  const { joined } = await searchParams;
  const [{ friends, askClose, incoming, outgoing, blocked }, invites] = await Promise.all([getFriendsOverview(user.id), listOpenInvites(user.id)]);
  const closeCount = friends.filter((friend) => friend.close).length;

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">Friends</h1>
        <p className="mt-1 text-stone-600">
          Only friends can ever match with you. Mark the ones you see most as <strong className="font-medium">close friends</strong>: by default, only they hear
          about your plans.
        </p>
      </div>

      {joined === "1" && <FormAlert tone="info" message="Invite accepted — you’re now friends." />}

      <ClosePrompt action={setCloseFriendAction} friends={askClose} />

      <NoticeArea className="flex flex-col gap-6">
        {(incoming.length > 0 || outgoing.length > 0) && (
          <SectionCard id="requests" title="Friend requests">
            {incoming.length > 0 && (
              <ul aria-label="Requests to you" className="divide-y divide-stone-100">
                {incoming.map((request) => (
                  <PersonRow key={request.id} person={request} detail={`asked ${relativeTime(request.createdAt)}`}>
                    <InlineAction
                      action={acceptRequestAction}
                      fields={{ requestId: request.id }}
                      label="Accept"
                      ariaLabel={`Accept ${request.displayName}`}
                      variant="primary"
                      done={`You and ${request.displayName} are now friends.`}
                    />
                    <InlineAction
                      action={declineRequestAction}
                      fields={{ requestId: request.id }}
                      label="Decline"
                      ariaLabel={`Decline ${request.displayName}`}
                      done={`Declined ${request.displayName}’s request.`}
                    />
                    <ActionMenu name={request.displayName} actions={[blockAction(request.userId, request.displayName)]} />
                  </PersonRow>
                ))}
              </ul>
            )}
            {outgoing.length > 0 && (
              <>
                <h3 className="mt-4 text-sm font-semibold text-stone-800">Waiting for an answer</h3>
                <ul aria-label="Requests you sent" className="divide-y divide-stone-100">
                  {outgoing.map((request) => (
                    <PersonRow key={request.id} person={request} detail={`sent ${relativeTime(request.createdAt)}`}>
                      <InlineAction
                        action={cancelRequestAction}
                        fields={{ requestId: request.id }}
                        label="Cancel request"
                        ariaLabel={`Cancel your request to ${request.displayName}`}
                        done={`Cancelled your request to ${request.displayName}.`}
                      />
                    </PersonRow>
                  ))}
                </ul>
              </>
            )}
          </SectionCard>
        )}

        <SectionCard
          id="your-friends"
          title={friends.length ? `Your friends (${friends.length})` : "Your friends"}
          description={
            friends.length
              ? `${closeCount} marked close with the star. Nobody is shown your marks — though a match does tell a friend your plan was open to them: they are close, or you posted for all friends.`
              : undefined
          }
        >
          {friends.length === 0 ? (
            <div className="rounded-xl border border-dashed border-stone-300 p-6 text-center">
              <p className="font-medium">No friends here yet</p>
              <p className="mt-1 text-stone-600">Make an invite link below and send it to someone, or add a friend by their handle.</p>
            </div>
          ) : (
            <ul className="divide-y divide-stone-100">
              {friends.map((friend) => (
                <PersonRow key={friend.id} person={friend}>
                  <ActionMenu
                    name={friend.displayName}
                    actions={[
                      {
                        label: "Remove",
                        action: removeFriendAction,
                        fields: { friendId: friend.id },
                        confirm: `Remove ${friend.displayName}? You won’t be matched with each other any more. They aren’t told.`,
                        done: `Removed ${friend.displayName}.`,
                      },
                      blockAction(friend.id, friend.displayName),
                    ]}
                  >
                    <CloseToggle action={setCloseFriendAction} friendId={friend.id} friendName={friend.displayName} close={friend.close} />
                  </ActionMenu>
                </PersonRow>
              ))}
            </ul>
          )}
        </SectionCard>

        <SectionCard
          id="invite"
          title="Invite a friend"
          description="Make a link and send it any way you like. It works once, for 7 days, and shows them your name before they accept."
        >
          <InvitePanel
            createAction={createInviteAction}
            revokeAction={revokeInviteAction}
            invites={invites.map((invite) => ({ id: invite.id, created: relativeTime(invite.createdAt), expires: relativeTime(invite.expiresAt) }))}
          />
        </SectionCard>

        <SectionCard id="add" title="Add by handle">
          <AddFriendForm action={addFriendAction} />
        </SectionCard>

        {blocked.length > 0 && (
          <SectionCard id="blocked" title="Blocked" description="They can’t send you requests or use your invite links, and they see nothing about you.">
            <ul className="divide-y divide-stone-100">
              {blocked.map((person) => (
                <PersonRow key={person.id} person={person}>
                  <InlineAction
                    action={unblockUserAction}
                    fields={{ userId: person.id }}
                    label="Unblock"
                    ariaLabel={`Unblock ${person.displayName}`}
                    done={`Unblocked ${person.displayName}.`}
                  />
                </PersonRow>
              ))}
            </ul>
          </SectionCard>
        )}
      </NoticeArea>
    </div>
  );
}
