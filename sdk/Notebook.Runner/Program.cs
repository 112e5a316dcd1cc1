namespace Notebook.Runner;

public static class Program
{
    public static int Main(string[] args) => 2;
}
