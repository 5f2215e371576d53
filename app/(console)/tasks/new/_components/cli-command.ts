/** POSIX shell single quotes: nothing inside is special except the quote itself. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The preview's AWS CLI equivalent of a StartTaskContact request. */
export function cliCommand(input: {
  InstanceId?: string | undefined;
  Name?: string | undefined;
}): string {
  const { InstanceId, Name, ...rest } = input;
  return [
    "aws connect start-task-contact",
    `--instance-id ${shellQuote(String(InstanceId))}`,
    `--name ${shellQuote(String(Name))}`,
    `--cli-input-json ${shellQuote(JSON.stringify(rest))}`,
  ].join(" \\\n  ");
}
