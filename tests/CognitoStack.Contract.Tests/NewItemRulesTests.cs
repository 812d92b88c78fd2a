namespace CognitoStack.Contract.Tests;

public sealed class NewItemRulesTests
{
    [Fact]
    public void Rules_Should_BeConsistent()
    {
        Assert.InRange(NewItemRules.NameMinLength, 1, NewItemRules.NameMaxLength);
        Assert.InRange(NewItemRules.DefaultQuantity, NewItemRules.QuantityMinimum, NewItemRules.QuantityMaximum);
        Assert.Equal([NewItemRules.Name], NewItemRules.Required);
        Assert.NotEqual(NewItemRules.Name, NewItemRules.Quantity);
    }
}
