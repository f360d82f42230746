/** Comments on an indicator: everyone who may read it sees them; people with a role add them. */
import { useState, type FormEvent } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Button, Textarea } from "@mantine/core";
import type { AgreementIndicatorPageView } from "@accord/domain";
import { ErrorState } from "../../components/ErrorState";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";
import { Loading } from "../../components/Loading";
import { isoTimestamp, longDateTime } from "../../words";
import { indicatorCommentsQuery } from "./queries";
import { useAddComment } from "./writes";

function CommentForm({ indicator }: { indicator: AgreementIndicatorPageView }) {
  const add = useAddComment(indicator.agreement.slug, indicator.key);
  const fields = useFields({ body: "Your comment" });
  const [body, setBody] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const found = problemsFromChecks({ body: body.trim() === "" ? "Write your comment." : body.length > 5000 ? "Your comment must be at most 5000 characters." : undefined }, fields);
    setProblems(found);
    if (found) return;
    add.mutate(
      { body: body.trim() },
      {
        onSuccess: () => {
          setBody("");
          setAdded("Your comment is added.");
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form-stack" aria-label="Add a comment">
      <ErrorSummary problems={problems} />
      <StatusMessage>{added}</StatusMessage>
      <Textarea
        id={fields.body.id}
        label={fields.body.label}
        autosize
        minRows={3}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        error={problems?.byField.body}
        required
      />
      <div>
        <Button type="submit" loading={add.isPending}>
          Add comment
        </Button>
      </div>
    </form>
  );
}

export function Comments({ indicator, canComment, signedIn, returnPath }: { indicator: AgreementIndicatorPageView; canComment: boolean; signedIn: boolean; returnPath: string }) {
  const comments = useQuery(indicatorCommentsQuery(indicator.agreement.slug, indicator.key));
  return (
    <>
      {comments.isPending ? <Loading label="Loading comments…" /> : null}
      {comments.isError ? <ErrorState error={comments.error} what="the comments" /> : null}
      {comments.data ? (
        comments.data.comments.length > 0 ? (
          <ol className="comment-list">
            {comments.data.comments.map((comment) => (
              <li key={comment.id} className="comment">
                <p className="comment__meta">
                  <strong>{comment.author}</strong>, <time dateTime={isoTimestamp(comment.createdAt)}>{longDateTime(comment.createdAt)}</time>
                </p>
                <p className="comment__body">{comment.body}</p>
              </li>
            ))}
          </ol>
        ) : (
          <p>No comments yet.</p>
        )
      ) : null}
      {canComment ? <CommentForm indicator={indicator} /> : null}
      {!signedIn ? (
        <p>
          <Link to="/sign-in" search={{ redirect: returnPath }}>
            Sign in
          </Link>{" "}
          to comment, or to see the history of changes.
        </p>
      ) : null}
    </>
  );
}
