import { fieldError, fillSignUp, newAccount, signIn, signOut, signUp, sql, expect, formAlert, test } from "./support";

test("a new user signs up, signs out and signs back in", async ({ page }) => {
  const account = newAccount("Morgan Lee");
  await signUp(page, account);
  await expect(page.getByRole("heading", { name: "Hi Morgan Lee" })).toBeVisible();
  await expect(page.getByText(`@${account.handle}`)).toBeVisible();

  await signOut(page);
  await page.goto("/plans");
  await expect(page).toHaveURL(/\/sign-in$/);

  await signIn(page, account.email.toUpperCase(), account.password);
  await expect(page).toHaveURL(/\/plans$/);
  await expect(page.getByTestId("signed-in-name")).toHaveText("Morgan Lee");
});

test("signing in from a page that asked for it goes back to that page; only paths on this site", async ({ page }) => {
  const account = newAccount("Rory Returns");
  await signUp(page, account);
  await signOut(page);
  await page.goto("/settings/ledger");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings%2Fledger$/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/ledger$/);

  // A next that leaves the site (or is not a plain path) is dropped: sign-in lands on /plans.
  await signOut(page);
  for (const next of ["//evil.example.com", "https://evil.example.com/now", "/\\evil.example.com"]) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/plans$/);
    await signOut(page);
  }
});

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await signOut(page);

  await signIn(page, account.email, "not the password");
  await expect(formAlert(page)).toContainText("don’t match an account");
  const wrongPassword = await formAlert(page).innerText();
  await signIn(page, "nobody-here@example.com", "not the password");
  await expect(formAlert(page)).toContainText("don’t match an account");
  const unknownEmail = await formAlert(page).innerText();

  expect(unknownEmail).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByLabel("Email")).toHaveValue("nobody-here@example.com");
});

test("bad sign-up input is shown next to each field and nothing is stored", async ({ page }) => {
  const account = newAccount();
  await fillSignUp(page, { ...account, handle: "has spaces", email: "not-an-email", password: "short" });
  await page.getByRole("button", { name: "Create account" }).click();

  expect(await fieldError(page, "Handle")).toMatch(/no spaces/);
  expect(await fieldError(page, "Email")).toMatch(/valid email/);
  expect(await fieldError(page, "Password")).toMatch(/at least 10/);
  await expect(page.getByLabel("Your name")).toHaveValue(account.displayName);
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await sql("SELECT 1 FROM users WHERE display_name = $1 AND handle = $2", [account.displayName, "has spaces"])).toHaveLength(0);
});

test("a form sent with an extra field is refused and writes nothing", async ({ page }) => {
  const account = newAccount();
  await fillSignUp(page, account);
  await page.locator("form").evaluate((form) => {
    const extra = document.createElement("input");
    extra.type = "hidden";
    extra.name = "disabledAt";
    extra.value = "";
    form.appendChild(extra);
  });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(formAlert(page)).toContainText("fields it does not have");
  expect(await sql("SELECT 1 FROM users WHERE email = $1", [account.email])).toHaveLength(0);
});

test("signing up with a taken email or handle says so without revealing the owner", async ({ page }) => {
  const first = newAccount("First Owner");
  await signUp(page, first);
  await signOut(page);

  const second = newAccount("Second Person");
  await fillSignUp(page, { ...second, email: first.email });
  await page.getByRole("button", { name: "Create account" }).click();
  const emailError = await fieldError(page, "Email");
  expect(emailError).toMatch(/already exists/);
  expect(emailError).not.toContain(first.handle);
  await expect(page.getByText("First Owner")).toHaveCount(0);

  await page.getByLabel("Email").fill(second.email);
  await page.getByLabel("Handle").fill(first.handle);
  await page.getByLabel("Password").fill(second.password);
  await page.getByRole("button", { name: "Create account" }).click();
  expect(await fieldError(page, "Handle")).toMatch(/taken/);
  expect(await sql("SELECT 1 FROM users WHERE email = $1", [second.email])).toHaveLength(0);
});

test("a stranger guessing a password locks out only themselves, never the owner", async ({ page, browser }) => {
  test.slow(); // eleven password checks, each a deliberately slow hash
  const account = newAccount();
  await signUp(page, account);
  await signOut(page);
  for (let attempt = 1; attempt <= 10; attempt++) {
    await signIn(page, account.email, `wrong password ${attempt}`);
    await expect(formAlert(page)).toContainText("don’t match");
  }
  // From the guesser's address even the right password is now refused — so a refusal reveals nothing.
  await signIn(page, account.email, account.password);
  await expect(formAlert(page)).toHaveText("Too many attempts. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/sign-in$/);

  // The owner, from their own address, signs in as usual.
  const owner = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, account.email, account.password);
  await expect(ownerPage).toHaveURL(/\/plans$/);
  await owner.close();
});

test("the Auth.js endpoint, posted to directly, gives the same answers and the same limits", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await signOut(page);
  const request = page.context().request;
  const attempt = async (email: string, password: string) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password },
      maxRedirects: 0,
    });
    return response.headers()["location"] ?? "";
  };
  const unknown = await attempt("nobody-at-all@example.com", "whatever it is");
  expect(unknown).toMatch(/\/sign-in\?error=CredentialsSignin&code=credentials$/);
  for (let i = 1; i <= 10; i++) expect(await attempt(account.email, `wrong ${i}`)).toBe(unknown);
  expect(await attempt(account.email, account.password)).toMatch(/code=rate_limited%3A\d+$/);
});

test("guesses sent all at once: only as many as the limit reach the password check", async ({ page }) => {
  const account = newAccount();
  await signUp(page, account);
  await signOut(page);
  const request = page.context().request;
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const guesses = Array.from({ length: 30 }, (_, i) =>
    request
      .post("/api/auth/callback/credentials", { form: { csrfToken, email: account.email, password: `wrong ${i}` }, maxRedirects: 0 })
      .then((response) => response.headers()["location"] ?? ""),
  );
  const answers = await Promise.all(guesses);
  // "Wrong password" only for the 10 the limit lets through (each one checked); the rest refused unchecked.
  expect(answers.filter((location) => /code=credentials$/.test(location))).toHaveLength(10);
  expect(answers.filter((location) => /code=rate_limited%3A\d+$/.test(location))).toHaveLength(20);
});
