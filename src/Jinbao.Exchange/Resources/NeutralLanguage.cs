using System.Resources;

// Chinese is the product's language: the neutral resources are zh-CN, English sits beside them.
[assembly: NeutralResourcesLanguage("zh-CN")]
