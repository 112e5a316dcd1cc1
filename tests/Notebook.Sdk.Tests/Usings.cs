global using Notebook.Testing;
global using Shouldly;
global using Xunit;
