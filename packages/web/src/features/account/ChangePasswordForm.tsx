import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { Button, TextInput } from "@mantine/core";
import { apiSend } from "../../api/client";
import { ErrorSummary, StatusMessage, problemsFromChecks, problemsFromError, useFields, type Problems } from "../../components/FormProblems";

const minimumLength = 12;

export function ChangePasswordForm() {
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => apiSend("POST", "/api/session/password", body, null),
  });
  const fields = useFields({ currentPassword: "Current password", newPassword: "New password", confirmPassword: "New password again" });
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [confirmPassword, setConfirmPassword] = useState("");
  const [problems, setProblems] = useState<Problems | null>(null);
  const [changed, setChanged] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(null);
    const found = problemsFromChecks(
      {
        currentPassword: currentPassword === "" ? "Enter your current password." : undefined,
        newPassword:
          newPassword.length < minimumLength ? `Your new password must be at least ${minimumLength} characters.` : newPassword === currentPassword ? "Your new password must differ from the current one." : undefined,
        confirmPassword: newPassword.length >= minimumLength && confirmPassword !== newPassword ? "The two new passwords are not the same." : undefined,
      },
      fields,
    );
    setProblems(found);
    if (found) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrentPassword("");
          setNewPassword("");
          setConfirmPassword("");
          setChanged("Your password is changed. Use the new one next time you sign in. You stay signed in here; your other sessions have ended and your API tokens no longer work.");
        },
        onError: (error) => setProblems(problemsFromError(error, fields)),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate className="form-stack" aria-labelledby="password-heading">
      <StatusMessage>{changed}</StatusMessage>
      <ErrorSummary problems={problems} />
      <TextInput
        id={fields.currentPassword.id}
        label={fields.currentPassword.label}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.currentTarget.value)}
        error={problems?.byField.currentPassword}
        required
      />
      <TextInput
        id={fields.newPassword.id}
        label={fields.newPassword.label}
        description={`At least ${minimumLength} characters. A few unrelated words make a long password that is easy to remember.`}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNewPassword(event.currentTarget.value)}
        error={problems?.byField.newPassword}
        required
      />
      <TextInput
        id={fields.confirmPassword.id}
        label={fields.confirmPassword.label}
        type="password"
        autoComplete="new-password"
        value={confirmPassword}
        onChange={(event) => setConfirmPassword(event.currentTarget.value)}
        error={problems?.byField.confirmPassword}
        required
      />
      <div>
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}
