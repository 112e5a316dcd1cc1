using Notebook.Documents;

// Reads an executed notebook and writes its HTML report, as nbrun does at the end of a run.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ReportBench IN.ipynb OUT.html");
    return 2;
}
var document = NotebookReader.Read(args[0]);
File.WriteAllText(args[1], HtmlReportRenderer.Render(document, new ReportInfo(Status: "succeeded")));
return 0;
